-- expect: 超出指令预算
-- table.sort with a C function as the comparator.
function validate(event)
  local t = {}
  for i = 1, 200000 do t[i] = i end
  table.sort(t, math.ult)
end

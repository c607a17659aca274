-- expect: 已停止
-- Sorting a table as big as memory allows.
function validate(event)
  local t = {}
  for i = 1, 300000 do t[i] = -i end
  table.sort(t)
end

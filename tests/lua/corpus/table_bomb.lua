-- expect: 内存超出上限
-- A table that grows for ever.
function validate(event)
  local t = {}
  for i = 1, math.huge do t[i] = i end
end

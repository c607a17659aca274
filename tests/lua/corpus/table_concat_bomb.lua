-- expect: 内存超出上限
-- table.concat of many large strings.
function validate(event)
  local parts = {}
  for i = 1, 64 do parts[i] = string.rep("z", 1024 * 1024) end
  return table.concat(parts)
end

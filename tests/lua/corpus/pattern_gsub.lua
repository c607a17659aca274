-- expect: 超出指令预算|运行超时
-- The same backtracking through gsub with a replacement function.
function validate(event)
  local s = string.rep("a", 3000)
  return (s:gsub(string.rep("a-", 12) .. "b", function() return "" end))
end

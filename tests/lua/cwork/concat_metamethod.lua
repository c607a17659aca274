-- expect: 超出指令预算|运行超时
-- __concat that loops, reached from table.concat's sibling, the .. operator.
function validate(event)
  local t = setmetatable({}, { __concat = function(a, b) while true do end end })
  return t .. "x"
end

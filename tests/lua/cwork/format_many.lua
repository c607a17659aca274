-- expect: 超出指令预算|运行超时|内存超出上限
-- One format with as many conversions as the stack allows.
function validate(event)
  local args = {}
  for i = 1, 100000 do args[i] = i end
  while true do string.format(string.rep("%d", 100000), table.unpack(args)) end
end

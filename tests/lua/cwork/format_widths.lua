-- expect: 超出指令预算|运行超时
-- string.format with the widest conversions, over and over.
function validate(event)
  local f = string.rep("%99.99f", 200)
  local args = {}
  for i = 1, 200 do args[i] = 1e308 end
  while true do string.format(f, table.unpack(args)) end
end

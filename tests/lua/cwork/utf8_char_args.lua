-- expect: 超出指令预算|运行超时|内存超出上限
-- utf8.char with as many arguments as the stack holds.
function validate(event)
  local t = {}
  for i = 1, 200000 do t[i] = 0x10FFFF end
  while true do utf8.char(table.unpack(t)) end
end

-- expect: 超出指令预算|运行超时
-- Printing for ever.
function validate(event)
  while true do print(string.rep("x", 1000)) end
end

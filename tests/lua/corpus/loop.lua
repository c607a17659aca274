-- expect: 超出指令预算|运行超时
-- An endless loop.
function validate(event)
  while true do end
end

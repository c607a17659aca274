-- expect: 超出指令预算|运行超时
-- An endless loop compiled at run time.
function validate(event)
  load("while true do end")()
end

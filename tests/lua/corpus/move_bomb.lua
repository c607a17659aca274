-- expect: 超出指令预算|运行超时
-- table.move over an enormous range (C code the hook never sees).
function validate(event)
  table.move({}, 1, math.maxinteger - 1, 1, {})
end

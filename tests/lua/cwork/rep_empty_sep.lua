-- expect: 超出指令预算
-- The same with an empty separator.
function validate(event)
  return string.rep("", math.maxinteger, "")
end

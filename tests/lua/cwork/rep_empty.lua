-- expect: 超出指令预算
-- string.rep of nothing, maxinteger times: no byte allocated, no hook
-- reached; every repetition is still an iteration.
function validate(event)
  return string.rep("", math.maxinteger)
end

-- expect: 规则 东海县/refuse_garbage 拒绝了此更改
-- A refusal message that is not valid UTF-8 and very long: shown cleaned and cut.
function validate(event)
  return false, "\255\254" .. string.rep("长", 5000)
end

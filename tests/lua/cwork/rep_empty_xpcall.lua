-- expect: 超出指令预算
-- In a message handler, where the stop is first raised.
function validate(event)
  xpcall(error, function() return string.rep("", math.maxinteger) end)
end

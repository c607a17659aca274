-- expect: 超出指令预算
-- __tostring that repeats nothing forever, reached from print.
function validate(event)
  print(setmetatable({}, { __tostring = function() return string.rep("", math.maxinteger) end }))
end

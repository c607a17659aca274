-- expect: 超出指令预算|运行超时
-- tostring of a value whose __tostring never returns.
function validate(event)
  return tostring(setmetatable({}, { __tostring = function() while true do end end }))
end

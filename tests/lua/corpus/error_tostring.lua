-- expect: table 类型
-- An error object whose __tostring never returns.
function validate(event)
  error(setmetatable({}, { __tostring = function() while true do end end }))
end

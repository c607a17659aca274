-- expect: attempt to index a string value
-- Replacing every string method.
function validate(event)
  getmetatable("").__index = { find = function() return 1 end }
end

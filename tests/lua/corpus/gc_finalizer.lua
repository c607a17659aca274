-- expect: 不允许 __gc
-- A finalizer that never returns (Lua runs finalizers with hooks off).
function validate(event)
  setmetatable({}, { __gc = function() while true do end end })
  for i = 1, 1e6 do local _ = {} end
end

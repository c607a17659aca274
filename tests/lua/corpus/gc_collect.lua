-- expect: collectgarbage 只允许
-- Forcing a collection.
function validate(event)
  collectgarbage("collect")
end

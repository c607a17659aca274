-- expect: global 'debug'
-- Switching the budget hook off.
function validate(event)
  debug.sethook()
  while true do end
end

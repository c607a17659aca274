-- expect: unexpected symbol
-- A syntax error.
function validate(event)
  return event.x +
end

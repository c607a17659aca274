-- expect: field 'remove'
-- Removing a file.
function validate(event)
  os.remove("/tmp/govnet-rules-pwned")
end

-- expect: global 'io'
-- Writing a file.
function validate(event)
  io.open("/tmp/govnet-rules-pwned", "w"):write("x")
end

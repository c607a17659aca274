-- expect: field 'execute'
-- Running a command.
function validate(event)
  os.execute("touch /tmp/govnet-rules-pwned")
end

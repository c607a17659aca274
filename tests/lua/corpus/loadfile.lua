-- expect: global 'loadfile'
-- Compiling another file.
function validate(event)
  loadfile("/etc/passwd")()
end

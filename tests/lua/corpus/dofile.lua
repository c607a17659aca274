-- expect: global 'dofile'
-- Running another file.
function validate(event)
  dofile("/etc/passwd")
end

-- expect: global 'package'
-- Reaching the loaded modules.
function validate(event)
  return package.loaded.io.open("/etc/passwd")
end

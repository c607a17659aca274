-- expect: global 'require'
-- Loading a module.
function validate(event)
  require("io")
end

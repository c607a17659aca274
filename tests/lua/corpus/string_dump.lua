-- expect: field 'dump'
-- Making bytecode.
function validate(event)
  return load(string.dump(function() end))
end

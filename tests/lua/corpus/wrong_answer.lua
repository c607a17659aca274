-- expect: validate 应返回
-- An answer of the wrong type.
function validate(event)
  return {}
end

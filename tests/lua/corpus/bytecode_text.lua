-- expect: binary chunk
-- Bytecode through load in the default mode.
function validate(event)
  local f = assert(load("\27LuaT\0\25\147\13\10\26\10\4\8\8"))
  return f()
end

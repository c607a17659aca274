-- expect: 不允许加载二进制代码
-- Bytecode through load, asking for binary mode.
function validate(event)
  local f = load("\27LuaT\0\25\147\13\10\26\10\4\8\8", "x", "b")
  return f()
end

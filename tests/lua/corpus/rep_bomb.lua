-- expect: 内存超出上限
-- string.rep asked for a terabyte, again and again under pcall.
function validate(event)
  while true do pcall(string.rep, "x", 1 << 40) end
end

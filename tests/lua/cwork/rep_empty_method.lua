-- expect: 超出指令预算
-- Through the string metatable, inside a coroutine.
function validate(event)
  local co = coroutine.wrap(function() return (""):rep(math.maxinteger) end)
  return co()
end

-- expect: 超出指令预算|运行超时
-- A coroutine that yields from inside pcall, resumed for ever.
function validate(event)
  local co = coroutine.create(function()
    while true do pcall(coroutine.yield) end
  end)
  while true do coroutine.resume(co) end
end

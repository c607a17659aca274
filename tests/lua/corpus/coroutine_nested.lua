-- expect: 超出指令预算|运行超时
-- Coroutines within coroutines, each catching what the inner one raised.
local function nest(n)
  if n == 0 then
    return function() while true do end end
  end
  return function()
    while true do
      local co = coroutine.create(nest(n - 1))
      coroutine.resume(co)
      coroutine.close(co)
    end
  end
end

function validate(event)
  while true do pcall(nest(20)) end
end

-- expect: 超出指令预算|运行超时
-- Loops inside coroutines, their errors caught by pcall and coroutine.resume.
function validate(event)
  while true do
    local co = coroutine.wrap(function() while true do end end)
    pcall(co)
    local c2 = coroutine.create(function() while true do end end)
    coroutine.resume(c2)
  end
end

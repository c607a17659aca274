-- expect: 超出指令预算|运行超时
-- An endless loop inside pcall, inside an endless loop: the stop must not be caught.
function validate(event)
  while true do
    pcall(function() while true do end end)
  end
end

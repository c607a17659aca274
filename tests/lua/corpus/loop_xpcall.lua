-- expect: 超出指令预算|运行超时
-- The stop raised inside xpcall, whose message handler loops for ever.
function validate(event)
  while true do
    xpcall(function() while true do end end, function() while true do end end)
  end
end

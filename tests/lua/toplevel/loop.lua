-- expect: 超出指令预算|运行超时
-- The script's top level never ends: refused when added.
while true do end
function validate(event) end

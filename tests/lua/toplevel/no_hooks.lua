-- expect: 没有定义任何钩子
-- A script that defines nothing govnet would call (a misspelt hook).
function validat(event) end

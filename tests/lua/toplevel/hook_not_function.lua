-- expect: 应当是函数
-- A hook name bound to something else.
validate = "refuse everything"

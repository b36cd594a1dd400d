# Compiler warnings of STYLE.md §8, applied to every lb target through lb_add_module.
set(LB_WARNING_FLAGS
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(LB_WARNINGS_AS_ERRORS)
    list(APPEND LB_WARNING_FLAGS -Werror)
endif()

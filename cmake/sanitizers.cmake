# LB_SANITIZE: "" (none), "address;undefined" or "thread"; applied to the whole build.
if(LB_SANITIZE)
    string(REPLACE ";" "," _lb_san "${LB_SANITIZE}")
    add_compile_options(-fsanitize=${_lb_san} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=${_lb_san})
endif()

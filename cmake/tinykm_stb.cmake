# Debian's libstb-dev (stb_image / stb_image_write): headers in /usr/include/stb, code in
# libstb.a. Used by the CLI's `quantize` and the colour-quantisation example; both build
# without it (the CLI then says so, the example is left out).
find_path(TINYKM_STB_INCLUDE_DIR stb_image_write.h PATH_SUFFIXES stb)
find_library(TINYKM_STB_LIBRARY stb)

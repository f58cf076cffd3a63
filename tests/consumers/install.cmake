# cmake -DBUILD=<build tree> -DPREFIX=<dir> -DCONFIG=<config> -P install.cmake: installs the
# build tree into a fresh PREFIX, so no file of an earlier install can satisfy a consumer.
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX} --config ${CONFIG}
                COMMAND_ERROR_IS_FATAL ANY)

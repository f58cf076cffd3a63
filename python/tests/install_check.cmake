# `cmake --install <build> --component python`, staged under DESTDIR, gives a package that a
# fresh interpreter imports and runs from anywhere (no build folder on its path).
# -DBUILD=<build dir> -DSTAGE=<empty dir> -DSITE=<TINYKM_PYTHON_INSTALL_DIR> -DPYTHON=<python3>
file(REMOVE_RECURSE ${STAGE})
set(ENV{DESTDIR} ${STAGE})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --component python RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install --component python failed")
endif()
set(ENV{PYTHONPATH} ${STAGE}${SITE})
execute_process(COMMAND ${PYTHON} -c
  "import tinykm, pickle; assert tinykm.__file__.startswith('${STAGE}'), tinykm.__file__; km = tinykm.KMeans(2, random_state=0).fit([[0, 0], [0, 1], [9, 9]]); assert sorted(km.labels_.tolist()) == [0, 0, 1]; s = pickle.loads(pickle.dumps(tinykm.Stream(2, 2))); print('installed', tinykm.__version__, s)"
  WORKING_DIRECTORY ${STAGE} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the installed package does not import and fit")
endif()

"""get_params / set_params by the parameters of __init__, as scikit-learn's BaseEstimator does,
so sklearn.base.clone, Pipeline and GridSearchCV work without tinykm depending on sklearn."""
import inspect


class ParamsMixin:
    @classmethod
    def _param_names(cls):
        signature = inspect.signature(cls.__init__)
        return sorted(p.name for p in signature.parameters.values()
                      if p.name != "self" and p.kind != p.VAR_KEYWORD)

    def get_params(self, deep=True):
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"Invalid parameter {name!r} for estimator {type(self).__name__}; "
                                 f"valid parameters are {valid}")
            setattr(self, name, value)
        return self

    def __repr__(self):
        defaults = {p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()}
        changed = [f"{name}={value!r}" for name, value in self.get_params().items()
                   if type(value) is not type(defaults[name]) or value != defaults[name]]
        return f"{type(self).__name__}({', '.join(changed)})"

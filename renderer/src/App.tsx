import { useEffect, useState } from "react";

interface ListedModel {
  name: string;
  size: number;
}

/** A first screen: the models the engine has. The full chat and model manager come next. */
export function App() {
  const [models, setModels] = useState<ListedModel[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    fetch("/api/tags")
      .then((reply) => reply.json() as Promise<{ models: ListedModel[] }>)
      .then((body) => setModels(body.models), (failure: unknown) => setError(String(failure)));
  }, []);

  return (
    <main>
      <h1>Paddock</h1>
      {error && <p role="alert">{error}</p>}
      {models?.length === 0 && <p>No models yet. Pull one by name, or import a GGUF file.</p>}
      <ul>
        {models?.map((model) => (
          <li key={model.name}>{model.name}</li>
        ))}
      </ul>
    </main>
  );
}

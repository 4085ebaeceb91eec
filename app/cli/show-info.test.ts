// Expected texts are Ollama's own (cmd/cmd_test.go TestShowInfo).

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { renderShowInfo } from "./show-info.js";

const details = { family: "test", parameter_size: "7B", quantization_level: "FP16" };

describe("renderShowInfo", () => {
  test("bare details", () => {
    assert.equal(
      renderShowInfo({ details }, false),
      "  Model\n    architecture    test    \n    parameters      7B      \n    quantization    FP16    \n\n",
    );
  });

  test("model info", () => {
    const info = {
      "general.architecture": "test",
      "general.parameter_count": 7_000_000_000,
      "test.context_length": 0,
      "test.embedding_length": 0,
    };
    assert.equal(
      renderShowInfo({ details, model_info: info }, false),
      "  Model\n" +
        "    architecture        test    \n" +
        "    parameters          7B      \n" +
        "    context length      0       \n" +
        "    embedding length    0       \n" +
        "    quantization        FP16    \n\n",
    );
  });

  test("verbose: parameters, metadata and tensors", () => {
    const show = {
      details: { ...details, parameter_size: "8B" },
      parameters: "\n\t\t\tstop up",
      model_info: {
        "general.architecture": "test",
        "general.parameter_count": 8_000_000_000,
        "some.true_bool": true,
        "some.false_bool": false,
        "test.context_length": 1000,
        "test.embedding_length": 11434,
      },
      tensors: [
        { name: "blk.0.attn_k.weight", type: "BF16", shape: [42, 3117] },
        { name: "blk.0.attn_q.weight", type: "FP16", shape: [3117, 42] },
      ],
    };
    assert.equal(
      renderShowInfo(show, true),
      `  Model
    architecture        test     
    parameters          8B       
    context length      1000     
    embedding length    11434    
    quantization        FP16     

  Parameters
    stop    up    

  Metadata
    general.architecture       test     
    general.parameter_count    8e+09    
    some.false_bool            false    
    some.true_bool             true     
    test.context_length        1000     
    test.embedding_length      11434    

  Tensors
    blk.0.attn_k.weight    BF16    [42 3117]    
    blk.0.attn_q.weight    FP16    [3117 42]    

`,
    );
  });

  test("long metadata arrays show what fits and how many more", () => {
    const out = renderShowInfo({ details, model_info: { "tokenizer.ggml.tokens": ["a", "b", "c", "d", "e", "f"] } }, true);
    assert.match(out, /tokenizer\.ggml\.tokens {4}\[a b c \.\.\.\+3 more\] {4}\n/);
  });

  test("projector", () => {
    const projector = {
      "general.architecture": "clip",
      "general.parameter_count": 133_700_000,
      "clip.vision.embedding_length": 0,
      "clip.vision.projection_dim": 0,
    };
    assert.equal(
      renderShowInfo({ details, projector_info: projector }, false),
      "  Model\n    architecture    test    \n    parameters      7B      \n    quantization    FP16    \n\n" +
        "  Projector\n" +
        "    architecture        clip       \n" +
        "    parameters          133.70M    \n" +
        "    embedding length    0          \n" +
        "    dimensions          0          \n\n",
    );
  });

  test("system and license show two lines, then ...", () => {
    const out = renderShowInfo({ details, system: "You are a pirate!\nAhoy, matey!\nWeigh anchor!\n\t\t\t", license: "MIT License\nCopyright (c) Ollama\n" }, false);
    assert.match(out, /\n {2}System\n {4}You are a pirate! {4}\n {4}Ahoy, matey! {9}\n {4}\.\.\. {18}\n\n/);
    assert.match(out, /\n {2}License\n {4}MIT License {13}\n {4}Copyright \(c\) Ollama {4}\n\n$/);
  });

  test("capabilities", () => {
    const out = renderShowInfo({ details, capabilities: ["vision", "tools"] }, false);
    assert.match(out, /\n {2}Capabilities\n {4}vision {4}\n {4}tools {5}\n\n$/);
  });
});

package io.mlindex.parsers.models.gguf;

/** Names for the numbers GGUF files use: tensor (ggml) types and llama.cpp file types. */
final class GgufTypes {
  /** ggml_type, by number (ggml.h); null where a number was retired. */
  private static final String[] TENSOR_TYPES = {
    "F32", "F16", "Q4_0", "Q4_1", null, null, "Q5_0", "Q5_1", "Q8_0", "Q8_1", "Q2_K", "Q3_K",
    "Q4_K", "Q5_K", "Q6_K", "Q8_K", "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S",
    "IQ2_S", "IQ4_XS", "I8", "I16", "I32", "I64", "F64", "IQ1_M", "BF16", "Q4_0_4_4", "Q4_0_4_8",
    "Q4_0_8_8", "TQ1_0", "TQ2_0", "IQ4_NL_4_4", "IQ4_NL_4_8", "IQ4_NL_8_8", "MXFP4"
  };

  /** llama_ftype (general.file_type), by number (llama.h), without the MOSTLY_ prefix. */
  private static final String[] FILE_TYPES = {
    "F32", "F16", "Q4_0", "Q4_1", "Q4_1_SOME_F16", "Q4_2", "Q4_3", "Q8_0", "Q5_0", "Q5_1", "Q2_K",
    "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K", "IQ2_XXS",
    "IQ2_XS", "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ3_M", "IQ2_S", "IQ2_M",
    "IQ4_XS", "IQ1_M", "BF16", "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "TQ1_0", "TQ2_0", "MXFP4_MOE"
  };

  private GgufTypes() {}

  static String tensorType(long number) {
    String n = number >= 0 && number < TENSOR_TYPES.length ? TENSOR_TYPES[(int) number] : null;
    return n != null ? n : "type" + number;
  }

  static String fileType(long number) {
    return number >= 0 && number < FILE_TYPES.length ? FILE_TYPES[(int) number] : null;
  }

  /** Byte size of a metadata value type with a fixed size (GGUF types 0-7, 10-12), or -1. */
  static int fixedSize(int valueType) {
    return switch (valueType) {
      case 0, 1, 7 -> 1;
      case 2, 3 -> 2;
      case 4, 5, 6 -> 4;
      case 10, 11, 12 -> 8;
      default -> -1;
    };
  }
}
